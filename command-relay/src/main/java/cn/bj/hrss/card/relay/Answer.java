package cn.bj.hrss.card.relay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An HTTP answer of application-service: its status and its JSON body (an empty object when none).
 */
public record Answer(int status, JsonNode body) {}
