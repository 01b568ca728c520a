"""The two IAM routes a client needs: password tokens and project lookup by name."""

from typing import Optional

from .app import Call, Emulator
from .errors import ApiResponse, iam_error, json_response
from .state import Project, User
from .timeutil import iam_timestamp


def issue_token(app: Emulator, call: Call) -> ApiResponse:
    """POST /v3/auth/tokens (password method, project scope): token in X-Subject-Token, 201."""
    auth = _auth_section(call)
    user = _authenticated_user(app, auth["identity"])
    project = _scoped_project(app, auth.get("scope"))
    token, issued = app.tokens.issue(user, project.project_id)
    app.stats.record_token_issued()
    app.record_issued_token(token)
    body = {"token": {
        "expires_at": iam_timestamp(issued.expires_at),
        "issued_at": iam_timestamp(issued.issued_at),
        "methods": ["password"],
        "catalog": [],
        "roles": [{"id": "0", "name": "op_service"}],
        "project": {"id": project.project_id, "name": project.name,
                    "domain": {"id": project.domain_id, "name": user.domain_name}},
        "user": {"id": user.user_id, "name": user.user_name,
                 "domain": {"id": user.domain_id, "name": user.domain_name},
                 "password_expires_at": ""},
    }}
    return json_response(201, body, {"X-Subject-Token": token})


def list_projects(app: Emulator, call: Call) -> ApiResponse:
    """GET /v3/projects?name=REGION: how clients turn a region name into a project id."""
    name = call.query_value("name")
    # IAM is always HTTPS in the cloud; nobody follows these links, they only keep the shape.
    base = f"https://{call.request.header('Host') or 'localhost'}/v3/projects"
    projects = [_project_entry(project, base) for project in app.state.projects_named(name)]
    return json_response(200, {
        "projects": projects,
        "links": {"self": base + (f"?name={name}" if name else ""), "previous": None, "next": None},
    })


def _project_entry(project: Project, base: str) -> dict:
    return {
        "id": project.project_id,
        "name": project.name,
        "domain_id": project.domain_id,
        "parent_id": project.domain_id,
        "enabled": True,
        "is_domain": False,
        "description": "",
        "links": {"self": f"{base}/{project.project_id}"},
    }


def _auth_section(call: Call) -> dict:
    try:
        body = call.json_body()
    except ValueError:
        raise _malformed("The request body is not valid JSON.") from None
    auth = body.get("auth") if isinstance(body, dict) else None
    if not isinstance(auth, dict) or not isinstance(auth.get("identity"), dict):
        raise _malformed("The request body must contain auth.identity.")
    return auth


def _authenticated_user(app: Emulator, identity: dict) -> User:
    methods = identity.get("methods")
    password_section = identity.get("password")
    if not isinstance(methods, list) or "password" not in methods or not isinstance(password_section, dict):
        raise _malformed("Only the password method is supported: identity.methods must list 'password'.")
    user_section = password_section.get("user")
    if not isinstance(user_section, dict) or not isinstance(user_section.get("name"), str) \
            or not isinstance(user_section.get("password"), str) or not isinstance(user_section.get("domain"), dict):
        raise _malformed("identity.password.user needs name, password and domain.")
    user = _find_user(app, user_section["name"], user_section["domain"])
    if user is None or user.password != user_section["password"]:
        raise iam_error(401, "The username or password is wrong.", "Unauthorized", auth_failure=True)
    return user


def _find_user(app: Emulator, name: str, domain: dict) -> Optional[User]:
    for user in app.state.credentials.users:
        domain_matches = domain.get("name") == user.domain_name or domain.get("id") == user.domain_id
        if user.user_name == name and domain_matches:
            return user
    return None


def _scoped_project(app: Emulator, scope) -> Project:
    project_section = scope.get("project") if isinstance(scope, dict) else None
    if not isinstance(project_section, dict) or not (project_section.get("id") or project_section.get("name")):
        raise _malformed("This emulator issues project-scoped tokens: scope.project needs an id or a name.")
    if project_section.get("id"):
        project = app.state.project(project_section["id"])
    else:
        matches = app.state.projects_named(project_section["name"])
        project = matches[0] if matches else None
    if project is None:
        raise iam_error(401, "The request you have made requires authentication: unknown project scope.",
                        "Unauthorized", auth_failure=True)
    return project


def _malformed(message: str):
    return iam_error(400, message, "Bad Request")
