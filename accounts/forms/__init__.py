"""Forms of the accounts app: sign-in and sign-up (allauth's, in our words), profile, organisations."""
