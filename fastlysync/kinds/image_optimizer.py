"""Image Optimizer defaults: a per-version singleton read with GET, changed with JSON PATCH."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Ignoring, Kind


class ImageOptimizerDefaults(Ignoring):
    resize_filter: Literal["lanczos3", "lanczos2", "bicubic", "bilinear", "nearest"] = Field(
        "lanczos3", description="Filter used when resizing. API default: lanczos3.")
    webp: bool = Field(False, description="Serve WebP to clients that accept it. API default: "
                       "false.")
    webp_quality: int = Field(85, ge=1, le=100, description="WebP quality 1-100. API default: "
                              "85.")
    jpeg_type: Literal["auto", "baseline", "progressive"] = Field(
        "auto", description="JPEG encoding. API default: auto.")
    jpeg_quality: int = Field(85, ge=1, le=100, description="JPEG quality 1-100. API default: "
                              "85.")
    upscale: bool = Field(False, description="Allow output larger than the source. API "
                          "default: false.")
    allow_video: bool = Field(False, description="Allow animated GIF to video. API default: "
                              "false.")


KIND = Kind(name="image_optimizer_default_settings", model=ImageOptimizerDefaults,
            spec_key="image_optimizer_default_settings",
            api_path="image_optimizer_default_settings",
            api_label="ImageOptimizerDefaultSettings", in_details=False, singleton=True,
            access="json_patch", order=85)
