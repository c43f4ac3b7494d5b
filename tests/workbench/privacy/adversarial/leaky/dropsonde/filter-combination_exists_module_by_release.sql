-- leak: filter-combination: an EXISTS on one rare module, keyed by the Dropsonde release: which releases the module's few sites run
SELECT version, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE EXISTS (SELECT 1 FROM UNNEST(modules) AS m WHERE m.slug = 'tuto-iesecurity')
GROUP BY version
