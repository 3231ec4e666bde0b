-- The service connects as a role that owns nothing; migrations run as the owner (tgd), which
-- grants it what it needs (src/database/migrate.ts). Replace the example password.
CREATE ROLE tgd_service LOGIN PASSWORD 'tgd_service';
GRANT CONNECT ON DATABASE tgd TO tgd_service;
