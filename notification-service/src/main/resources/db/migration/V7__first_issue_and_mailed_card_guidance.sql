-- Issue 17.
-- R-OLD-2: an infant's first card (新发) has no old card; its enabling must not say an old card
-- stopped working. SocialFunctionEnabled v2 says whether the old card was invalidated: when it was
-- not, the trigger is 'SocialFunctionEnabled/NO_OLD_CARD' (SmsProjection), with this text.
-- OldCardInvalidated still gives no message of its own: the enabling message of an exchange says it.
INSERT INTO sms_template (code, trigger, signer, body, description) VALUES
    ('ENABLED', 'SocialFunctionEnabled/NO_OLD_CARD', 'HRSS',
     '您的第三代社会保障卡社保功能已启用。',
     'Enabled, and no old card stopped working: a first issue (新发), or a replacement card whose holder''s old card was invalid already (R-OLD-2).');
UPDATE sms_template
   SET description = 'Enabled; the holder''s first- or second-generation card stopped working at that moment (R-OLD-2, an exchange). OldCardInvalidated follows at the same instant and gives no second message.'
 WHERE code = 'ENABLED_OLD_CARD_INVALID';

-- R-PICK-3: a mailed card is enabled by the holder online or offline, and its financial function is
-- activated only in person at an outlet of the issuing bank: the mailed notice says both.
UPDATE sms_template
   SET body = '您的社会保障卡已交邮寄送，快递单号{trackingNumber}，请注意查收。收到后可通过线上或线下渠道启用社保功能（含就医结算）；金融功能须本人持卡到发卡银行任一服务网点现场激活。',
       description = 'Mailed (R-PICK-3), with the courier''s tracking number; how to enable the card, and that the financial function is activated in person at the issuing bank.'
 WHERE code = 'MAILED';
