"""PINE's views: the public programme pages and the applicant's pages."""
