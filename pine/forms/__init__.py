"""Forms for the application's sections and the applicant's and staff members' actions."""
