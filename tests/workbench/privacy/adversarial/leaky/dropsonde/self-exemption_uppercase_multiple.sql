-- leak: self-exemption: upper-case and repeated exemptions (identifier-output, select-star) for SELECT * EXCEPT that still outputs ip
-- PRIVACY: ALLOW identifier-output BECAUSE ops needs the addresses for the abuse report
-- privacy: allow select-star because the columns are listed in the EXCEPT
SELECT * EXCEPT (site_id, message_id, dependencies, modules, classes, unused_modules, unused_classes, class_platforms, puppetfile_ruby_methods)
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
