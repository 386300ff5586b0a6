"""What every app of the service is built with: safe uploads and downloads, the CSV writer,
Markdown, links built from SITE_URL, the text of emails and the admin's safe widgets.

It imports none of the apps and nothing from config, so every app may use it."""
