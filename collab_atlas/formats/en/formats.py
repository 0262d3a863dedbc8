"""English dates as the atlas writes them ("1 November 2026"). Polish and Spanish use
Django's own formats ("1 listopada 2026", "1 de noviembre de 2026")."""

DATE_FORMAT = "j F Y"
