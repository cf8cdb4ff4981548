"""English: dates as ISO 8601 (1996-09-07, 1996-09), as staff compare them across sources."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
YEAR_MONTH_FORMAT = "Y-m"
