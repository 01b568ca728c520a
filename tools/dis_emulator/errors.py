"""Error bodies in the three shapes the real endpoints use, and the response type.

DIS answers ``{"errorCode", "message"}`` (dis-api.md, "Errors"), the API
gateway in front of it ``{"error_code", "error_msg"}``, and IAM
``{"error": {"code", "message", "title"}}``.
"""

import json
from dataclasses import dataclass, field
from typing import Any, Dict

JSON_CONTENT_TYPE = "application/json;charset=UTF-8"


@dataclass
class ApiResponse:
    """What a route answers: status, body bytes, content type and extra headers."""

    status: int
    body: bytes
    content_type: str = JSON_CONTENT_TYPE
    headers: Dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: Any, headers: Dict[str, str] = None) -> ApiResponse:
    """Serialise ``payload`` as the JSON body of a response."""
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return ApiResponse(status, body, headers=dict(headers or {}))


class ApiError(Exception):
    """Raised by routes and the auth layer; the handler turns it into the response it carries."""

    def __init__(self, response: ApiResponse, auth_failure: bool = False):
        super().__init__(response.status)
        self.response = response
        self.auth_failure = auth_failure


def dis_error(status: int, code: str, message: str, auth_failure: bool = False) -> ApiError:
    """A DIS service error, e.g. HTTP 400 ``{"errorCode": "DIS.4301", "message": ...}``."""
    return ApiError(json_response(status, {"errorCode": code, "message": message}), auth_failure)


def auth_error(code: str, message: str) -> ApiError:
    """A DIS authentication failure: HTTP 441 with a DIS.41xx code."""
    return dis_error(441, code, message, auth_failure=True)


def invalid_request(message: str) -> ApiError:
    """HTTP 400 DIS.4200, the service's generic "invalid request"."""
    return dis_error(400, "DIS.4200", f"Invalid request. {message}")


def gateway_error(status: int, code: str, message: str, request_id: str, headers: Dict[str, str] = None) -> ApiError:
    """An answer from the API gateway itself (APIGW.xxxx), which uses snake_case keys."""
    body = {"error_code": code, "error_msg": message, "request_id": request_id}
    return ApiError(json_response(status, body, headers))


def iam_error(status: int, message: str, title: str, auth_failure: bool = False) -> ApiError:
    """An IAM (keystone-style) error."""
    return ApiError(json_response(status, {"error": {"code": status, "message": message, "title": title}}),
                    auth_failure)
