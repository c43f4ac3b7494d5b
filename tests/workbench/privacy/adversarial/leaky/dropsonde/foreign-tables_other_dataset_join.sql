-- leak: foreign-tables: joins a CRM table of another dataset on site_id, attaching customer names to usage
SELECT crm.customer_name, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
JOIN `bto-dataops-datalake-prod.crm.site_accounts` AS crm ON crm.site_id = t.site_id
GROUP BY crm.customer_name
