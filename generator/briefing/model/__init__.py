"""The value objects every stage shares: entities, metadata schemas, names, URLs, pagination, problems. Imports nothing else of Briefing."""
