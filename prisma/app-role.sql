-- The web server's own role: it reads every table and writes only saved views and the
-- agreement rows, document alignments and cross-dataset statistics it computes on first request (GET /api/agreement,
-- the compare view). Run as
-- the role that owns the tables (the one DATABASE_URL names for migrations and ingest),
-- in the app's database, then give the server DATABASE_APP_URL with this role:
--
--   psql "$DATABASE_URL" -v app_role=influence_app -v password='a long secret' -f prisma/app-role.sql
--
-- Tables created by later migrations are covered by the default privileges below.
CREATE ROLE :"app_role" LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE :"DBNAME" TO :"app_role";
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO :"app_role";
GRANT INSERT ON saved_views TO :"app_role";
GRANT INSERT ON agreements TO :"app_role";
GRANT INSERT ON document_alignments TO :"app_role";
GRANT INSERT ON cross_query_statistics TO :"app_role";
