"""Date and number formats per interface language (settings.FORMAT_MODULE_PATH); what a
module leaves out comes from Django's own formats for that language."""
