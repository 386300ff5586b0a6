"""Pages of the accounts app: sign-in, your account, organisations, invitations, your data."""
