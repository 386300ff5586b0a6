"""Keep the stored search vector current with a trigger, and index it (PostgreSQL only)."""

from django.db import migrations

CREATE = """CREATE OR REPLACE FUNCTION evidence_store_intervention_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector := setweight(to_tsvector('english', concat_ws(' ', NEW.name)), 'A') || setweight(to_tsvector('english', concat_ws(' ', NEW.summary, NEW.headline_points)), 'B') || setweight(to_tsvector('english', concat_ws(' ', NEW.what_is_it, NEW.how_it_works, NEW.how_effective, NEW.where_studied, NEW.who_it_works_for, NEW.when_where_how, NEW.costs_and_benefits, NEW.implementation_delivery, NEW.implementation_who, NEW.implementation_training, NEW.implementation_fidelity, NEW.implementation_support, NEW.in_summary, NEW.case_study)), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS intervention_search_vector ON evidence_store_intervention;
CREATE TRIGGER intervention_search_vector BEFORE INSERT OR UPDATE
  ON evidence_store_intervention FOR EACH ROW
  EXECUTE FUNCTION evidence_store_intervention_search_vector();
UPDATE evidence_store_intervention SET id = id;
CREATE INDEX IF NOT EXISTS intervention_search_gin
  ON evidence_store_intervention USING gin (search_vector);
"""

DROP = """DROP INDEX IF EXISTS intervention_search_gin;
DROP TRIGGER IF EXISTS intervention_search_vector ON evidence_store_intervention;
DROP FUNCTION IF EXISTS evidence_store_intervention_search_vector();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("evidence_store", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
