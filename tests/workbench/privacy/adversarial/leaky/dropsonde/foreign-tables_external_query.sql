-- leak: foreign-tables: EXTERNAL_QUERY reads an operational Cloud SQL database through a connection
SELECT COUNT(*) AS accounts
FROM EXTERNAL_QUERY('bto-dataops-datalake-prod.us.crm', 'SELECT site_hex, customer FROM accounts')
