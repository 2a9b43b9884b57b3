package cn.bj.hrss.card.contract.event;

/** The three ways a card reaches its holder (R-PICK-1). */
public enum CollectionMethod {
  /** 合作银行服务网点领卡: the holder collects the card at a bank outlet (R-PICK-2). */
  OUTLET_PICKUP,
  /** 邮寄: the issuing bank mails the card (R-PICK-3). */
  MAIL,
  /** 银行上门送卡: the bank delivers to the employer, on the employer's request (R-PICK-4). */
  DOOR_TO_DOOR
}
