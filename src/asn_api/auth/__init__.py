"""Authentication (JWT, OAuth2 grants) and authorisation (roles and scopes → permissions)."""
