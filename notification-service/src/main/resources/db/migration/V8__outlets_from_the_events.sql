-- Issue 16 item 4, issue 17 item 6 (ADR 23): outlets have one source, application-service's outlet
-- reference data. CardDispatched v2 and FinancialFunctionActivated v2 carry the outlet as registered
-- there (name and address), and the notices name it from the event alone, so this service's own
-- outlet table (which nobody filled: no pickup notice carried an address) goes.
DROP TABLE IF EXISTS outlet;

UPDATE sms_template
   SET description = 'Ready at the chosen outlet (R-PICK-2: sent by the issuing bank). {outlet}: the registered name and address the CardDispatched v2 event carries from application-service''s outlet reference data; 发卡银行网点 for a version 1 event.'
 WHERE code = 'READY_FOR_PICKUP';
UPDATE sms_template
   SET description = 'Financial function activated (R-PICK-3), signed by the bank. {outlet}: the registered name the FinancialFunctionActivated v2 event carries; 发卡银行网点 for a version 1 event.'
 WHERE code = 'FINANCIAL_FUNCTION_ACTIVATED';
