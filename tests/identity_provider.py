"""A real OpenID Connect provider for the sign-in tests, served on 127.0.0.1 in a thread.

Built from Authlib's own server parts (the authorisation server, the authorisation code
grant with PKCE required, and the OpenID Connect code extension) over Werkzeug's WSGI
server. Candour talks to it over HTTP exactly as it would to Microsoft Entra ID:
discovery, the login page, the token endpoint and the published keys. Nothing of the
protocol is mocked. A test may ask it to misbehave in one named way (sign with a key it
does not publish, send back a different nonce, name a different audience...) to check
that Candour refuses what a broken or hostile provider sends.
"""

from __future__ import annotations

import html
import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from authlib.common.security import generate_token
from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import (
    ClientMixin,
    JsonPayload,
    JsonRequest,
    OAuth2Error,
    OAuth2Payload,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.models import AuthorizationCodeMixin
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

# Werkzeug logs every request at INFO; the tests read Candour's own logs, not these.
logging.getLogger("werkzeug").setLevel(logging.WARNING)

KEY_ID = "test-signing-key"
# The ways a test may ask the provider to misbehave.
MISBEHAVIOURS = frozenset(
    {"signature", "nonce", "audience", "issuer", "expired", "discovery_issuer", "token_error"}
)


@dataclass
class ProviderPerson:
    """An account at the provider. `amr` and `acr` are what its ID token will say."""

    email: str
    password: str
    name: str = "Test Person"
    amr: list[str] = field(default_factory=lambda: ["pwd"])
    acr: str | None = None
    email_verified: bool = True

    @property
    def subject(self) -> str:
        return "sub-" + self.email.replace("@", "-at-")


@dataclass
class RegisteredClient(ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return client_secret == self.client_secret

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class IssuedCode(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    person: ProviderPerson
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_amr(self) -> list[str]:
        return list(self.person.amr)

    def get_acr(self) -> str | None:
        return self.person.acr


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        self._request = request

    @property
    def data(self) -> Any:
        return self._request.values

    @cached_property
    def datalist(self) -> dict[str, list[str]]:
        values: dict[str, list[str]] = defaultdict(list)
        for key in self.data:
            values[key].extend(self.data.getlist(key))
        return values


class _OAuthRequest(OAuth2Request):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        super().__init__(method=request.method, uri=request.url, headers=request.headers)
        self._request = request
        self.payload = _Payload(request)

    @property
    def args(self) -> Any:
        return self._request.args

    @property
    def form(self) -> Any:
        return self._request.form


class _JsonPayload(JsonPayload):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        self._request = request

    @property
    def data(self) -> Any:
        return self._request.get_json()


class _JsonRequest(JsonRequest):  # type: ignore[misc]
    def __init__(self, request: Request) -> None:
        super().__init__(request.method, request.url, request.headers)
        self.payload = _JsonPayload(request)


class _Server(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, provider: TestProvider) -> None:
        super().__init__(scopes_supported=["openid", "email", "profile"])
        self.provider = provider
        self.register_token_generator(
            "default", BearerTokenGenerator(lambda **_kwargs: generate_token(42))
        )

    def query_client(self, client_id: str) -> RegisteredClient | None:
        return self.provider.clients.get(client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        self.provider.tokens_issued += 1

    def create_oauth2_request(self, request: Request) -> OAuth2Request:
        return _OAuthRequest(request)

    def create_json_request(self, request: Request) -> JsonRequest:
        return _JsonRequest(request)

    def handle_response(self, status: int, body: Any, headers: Iterable[Any]) -> Response:
        if isinstance(body, dict):
            body = json.dumps(body)
        return Response(body, status=status, headers=list(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None


def _code_grant(provider: TestProvider) -> type[AuthorizationCodeGrant]:
    class CodeGrant(AuthorizationCodeGrant):  # type: ignore[misc]
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
            data = request.payload.data
            if data.get("nonce"):
                provider.nonces_used.add(data["nonce"])
            provider.codes[code] = IssuedCode(
                code=code,
                client_id=request.payload.client_id,
                redirect_uri=request.payload.redirect_uri,
                scope=request.payload.scope,
                person=request.user,
                nonce=data.get("nonce"),
                code_challenge=data.get("code_challenge"),
                code_challenge_method=data.get("code_challenge_method"),
                auth_time=int(time.time()),
            )

        def query_authorization_code(self, code: str, client: RegisteredClient) -> Any:
            issued = provider.codes.get(code)
            if issued and issued.client_id == client.client_id:
                return issued
            return None

        def delete_authorization_code(self, authorization_code: IssuedCode) -> None:
            provider.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code: IssuedCode) -> ProviderPerson:
            return authorization_code.person

    return CodeGrant


def _openid_code(provider: TestProvider) -> OpenIDCode:
    class TestOpenIDCode(OpenIDCode):  # type: ignore[misc]
        def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
            # A nonce that already has a code is a replay (the login page's GET and POST
            # carry the same one, so "seen" alone would refuse every sign-in).
            return nonce in provider.nonces_used

        def resolve_client_private_key(self, client: RegisteredClient) -> RSAKey:
            if provider.misbehaviour == "signature":
                return provider.unpublished_key
            return provider.signing_key

        def get_client_algorithm(self, client: RegisteredClient) -> str:
            return "RS256"

        def get_encode_header(self, client: RegisteredClient) -> dict[str, str]:
            return {"alg": "RS256", "kid": KEY_ID}

        def get_client_claims(self, client: RegisteredClient) -> dict[str, Any]:
            now = int(time.time())
            claims: dict[str, Any] = {
                "iss": provider.issuer,
                "aud": [client.client_id],
                "iat": now,
                "exp": now + 600,
            }
            if provider.misbehaviour == "issuer":
                claims["iss"] = provider.issuer + "/another-tenant"
            if provider.misbehaviour == "audience":
                claims["aud"] = ["another-client"]
            if provider.misbehaviour == "expired":
                claims.update(iat=now - 7200, exp=now - 3600)
            return claims

        def get_authorization_code_claims(self, authorization_code: IssuedCode) -> Any:
            claims = super().get_authorization_code_claims(authorization_code)
            if provider.misbehaviour == "nonce":
                claims["nonce"] = "a-nonce-from-another-sign-in"
            return claims

        def generate_user_info(self, user: ProviderPerson, scope: str) -> UserInfo:
            info = UserInfo(sub=user.subject, name=user.name)
            if "email" in scope:
                info["email"] = user.email
                info["email_verified"] = user.email_verified
            return info

    return TestOpenIDCode(require_nonce=True)


class TestProvider:
    """One provider on a free loopback port: `start()`, then `issuer`; `stop()` to go down."""

    __test__ = False  # not a pytest test class

    def __init__(self, *, title: str = "Test Council sign-in") -> None:
        self.title = title
        self.signing_key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        self.unpublished_key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        self.people: dict[str, ProviderPerson] = {}
        self.clients: dict[str, RegisteredClient] = {}
        self.codes: dict[str, IssuedCode] = {}
        self.nonces_used: set[str] = set()
        self.tokens_issued = 0
        self.misbehaviour: str | None = None
        # The authorisation requests as received, for tests that check what Candour sent.
        self.authorisation_requests: list[dict[str, str]] = []
        self._server = _Server(self)
        self._server.register_grant(
            _code_grant(self), [CodeChallenge(required=True), _openid_code(self)]
        )
        self._http: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.issuer = ""

    # Setting up -------------------------------------------------------------------------

    def add_person(self, person: ProviderPerson) -> ProviderPerson:
        self.people[person.email] = person
        return person

    def register_client(
        self, client_id: str, client_secret: str, redirect_uris: list[str]
    ) -> RegisteredClient:
        client = RegisteredClient(client_id, client_secret, redirect_uris)
        self.clients[client_id] = client
        return client

    def misbehave(self, how: str | None) -> None:
        if how is not None and how not in MISBEHAVIOURS:
            raise ValueError(how)
        self.misbehaviour = how

    # Running ----------------------------------------------------------------------------

    def start(self) -> TestProvider:
        self._http = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self.issuer = f"http://127.0.0.1:{self._http.server_port}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._http = None

    # HTTP -------------------------------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        routes = {
            "/.well-known/openid-configuration": self._discovery,
            "/jwks": self._keys,
            "/authorize": self._authorize,
            "/token": self._token,
        }
        handler = routes.get(request.path)
        response = handler(request) if handler else Response("Not found", status=404)
        return response(environ, start_response)

    def _discovery(self, request: Request) -> Response:
        issuer = self.issuer
        if self.misbehaviour == "discovery_issuer":
            issuer = self.issuer + "/another-tenant"
        document = {
            "issuer": issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile"],
            "claims_supported": ["sub", "email", "email_verified", "name", "amr", "acr"],
        }
        return Response(json.dumps(document), content_type="application/json")

    def _keys(self, request: Request) -> Response:
        keys = KeySet([self.signing_key]).as_dict(private=False)
        return Response(json.dumps(keys), content_type="application/json")

    def _token(self, request: Request) -> Response:
        if self.misbehaviour == "token_error":
            return Response("Service unavailable", status=503)
        response: Response = self._server.create_token_response(request)
        return response

    def _authorize(self, request: Request) -> Response:
        if request.method == "GET":
            self.authorisation_requests.append(dict(request.args))
        try:
            grant = self._server.get_consent_grant(request)
        except OAuth2Error as error:
            return Response(f"Bad request: {html.escape(error.error)}", status=400)
        if request.method == "GET":
            return self._login_page(request, problem="")
        if request.form.get("action") == "cancel":
            return self._server.create_authorization_response(request, None, grant)  # type: ignore[no-any-return]
        person = self.people.get(request.form.get("username", "").strip().lower())
        if person is None or person.password != request.form.get("password", ""):
            return self._login_page(request, problem="That username or password is not right")
        return self._server.create_authorization_response(request, person, grant)  # type: ignore[no-any-return]

    def _login_page(self, request: Request, *, problem: str) -> Response:
        """The provider's own page, as a person sees it before coming back to Candour."""
        action = "/authorize?" + urlencode(list(request.args.items(multi=True)))
        error = f'<p class="error" role="alert">{html.escape(problem)}</p>' if problem else ""
        page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(self.title)}</title></head>
<body><main>
<h1>{html.escape(self.title)}</h1>
{error}
<form method="post" action="{html.escape(action)}">
<label for="username">Username</label>
<input id="username" name="username" type="email" autocomplete="username">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>
</main></body></html>"""
        status = 400 if problem else 200
        return Response(page, content_type="text/html; charset=utf-8", status=status)
