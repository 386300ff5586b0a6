"""Users, organisations, memberships, invitations and staff groups."""
