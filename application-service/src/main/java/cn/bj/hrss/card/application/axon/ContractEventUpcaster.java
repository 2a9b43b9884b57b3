package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.contract.codec.ContractUpcasts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Upcasts a stored event of a superseded contract version by one version, as the contract's {@link
 * ContractUpcasts.Step} says (for example CardRequested revision 1 to 2, adding the application
 * date derived from the stored event's timestamp). Stored rows are never rewritten: every read of
 * the store (aggregate sourcing, the publishing processor, the card query) sees the event at the
 * current version, and the tamper-evidence chain still covers the bytes as stored.
 */
final class ContractEventUpcaster extends SingleEventUpcaster {

  private final ContractUpcasts.Step step;
  private final SerializedType from;
  private final SerializedType to;

  ContractEventUpcaster(ContractUpcasts.Step step) {
    this.step = step;
    this.from = new SimpleSerializedType(step.eventType(), Integer.toString(step.fromVersion()));
    this.to = new SimpleSerializedType(step.eventType(), Integer.toString(step.toVersion()));
  }

  /** Every step of the contract, in order: an event passes as many steps as it is behind. */
  static EventUpcaster chain() {
    return new EventUpcasterChain(
        ContractUpcasts.STEPS.stream().map(ContractEventUpcaster::new).toList());
  }

  @Override
  protected boolean canUpcast(IntermediateEventRepresentation event) {
    return from.equals(event.getType());
  }

  @Override
  protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
    return event.upcastPayload(
        to,
        JsonNode.class,
        payload -> {
          ObjectNode upcast = ((ObjectNode) payload).deepCopy();
          step.change().apply(upcast, event.getTimestamp());
          return upcast;
        });
  }
}
