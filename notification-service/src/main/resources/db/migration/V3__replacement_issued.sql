-- A replacement card is made and handed over on the spot (R-LOSS-1): the contract's
-- ReplacementCardIssued gives the holder a confirmation, signed by the issuing bank.
UPDATE sms_template
   SET trigger = 'ReplacementCardIssued',
       body = '您补领（换领）的第三代社会保障卡已在{outlet}办理完成，原卡同时停止使用。',
       description = 'A replacement card was made and handed over on the spot (R-LOSS-1); the replaced card is out of use.'
 WHERE code = 'REPLACEMENT_READY';
