"""Every logging kind that takes both `compression_codec` and `gzip_level` declares that the
API refuses them together, as Fastly documents for each of them (the API reference and the
Fastly CLI: "Specifying both compression_codec and gzip_level in the same API request will
result in an error", on the s3, gcs, https, azureblob, cloudfiles, digitalocean, ftp,
openstack and sftp endpoints; kafka takes a codec but no level)."""

from __future__ import annotations

from fastlysync.kinds import KINDS
from fastlysync.kinds.logging.base import ONE_COMPRESSION

DOCUMENTED = {"logging_s3", "logging_gcs", "logging_https", "logging_blobstorage",
              "logging_cloudfiles", "logging_digitalocean", "logging_ftp", "logging_openstack",
              "logging_sftp"}


def taking_both() -> set[str]:
    return {kind.name for kind in KINDS.values()
            if {"compression_codec", "gzip_level"} <= set(kind.model.model_fields)}


def test_the_kinds_taking_both_fields_are_the_documented_ones() -> None:
    assert taking_both() == DOCUMENTED


def test_each_declares_the_exclusion_once() -> None:
    for name in sorted(DOCUMENTED):
        assert list(KINDS[name].exclusive).count(ONE_COMPRESSION) == 1, name

