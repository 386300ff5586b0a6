"""The evidence store: interventions, outcomes, ratings, studies, search and exports."""
