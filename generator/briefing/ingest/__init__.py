"""Reading sources into raw articles: text files, HTML pages, feeds, URLs (`briefing import`)."""
