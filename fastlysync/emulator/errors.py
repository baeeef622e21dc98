"""API errors in the shapes the real Fastly API uses (legacy `{"msg", "detail"}` bodies)."""

from __future__ import annotations


class ApiError(Exception):
    """Raised by handlers; the app turns it into a JSON response with this status and body."""

    def __init__(self, status: int, msg: str, detail: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {msg}: {detail}")
        self.status = status
        self.msg = msg
        self.detail = detail
        self.headers = headers or {}

    def body(self) -> dict[str, str]:
        out = {"msg": self.msg}
        if self.detail is not None:
            out["detail"] = self.detail
        return out


def bad_request(detail: str) -> ApiError:
    return ApiError(400, "Bad request", detail)


def not_found(label: str, **where: object) -> ApiError:
    """404 with the real API's detail: `Couldn't find Backend '{ deleted => ..., name => x }'`."""
    fields = {"deleted": "0000-00-00 00:00:00", **where}
    inner = ", ".join(f"{key} => {fields[key]}" for key in sorted(fields))
    return ApiError(404, "Record not found", f"Couldn't find {label} '{{ {inner} }}'")


def duplicate(kind_name: str, name: str) -> ApiError:
    return ApiError(409, "Duplicate record", f"Duplicate {kind_name}: '{name}'")


def version_locked(service_id: str, number: int) -> ApiError:
    return ApiError(422, "Version locked",
                    f"Version '{number}' for service '{service_id}' is locked")


def unknown_service(service_id: str) -> ApiError:
    return bad_request(f"Service '{service_id}' not found")


UNAUTHORIZED = ApiError(401, "Provided credentials are missing or invalid")
RATE_LIMITED_MSG = ("You have exceeded your hourly rate limit. Please contact support@fastly.com "
                    "if you think this is a mistake.")


class Problem(ApiError):
    """An RFC 7807 problem document (`application/problem+json`), as the newer endpoints
    answer errors (recorded for image optimizer defaults: `{"type", "title", "detail"}`)."""

    def __init__(self, status: int, title: str, detail: str, doc: str) -> None:
        super().__init__(status, title, detail,
                         headers={"Content-Type": "application/problem+json"})
        self.doc = doc

    def body(self) -> dict[str, str]:
        return {"type": self.doc, "title": self.msg, "detail": self.detail or ""}
