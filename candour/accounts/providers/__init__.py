"""Sign-in through an organisation's own OpenID Connect provider (ADR 0031).

`discovery` reads the provider's published configuration and keys, `protocol` runs the
authorisation code flow with PKCE and checks the ID token, `multi_factor` reads whether
the provider asked for a second factor, `client_secret` keeps the secret out of plain
text, `services` configures providers and starts sessions, `views` are the pages.
"""
