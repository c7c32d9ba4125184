package dev.noshowping.testkit.notify;

import java.util.List;
import java.util.Map;

/**
 * One message the {@link SolapiEmulator} accepted (it is in the answer's {@code messageList}, not in
 * {@code failedMessageList}).
 *
 * @param messageId the id returned to the caller ({@code M4V...})
 * @param groupId   the id of the request's group ({@code G4V...})
 * @param to        the recipient as sent (hyphens kept)
 * @param from      the sender number, may be null for ATA
 * @param type      {@code ATA}, {@code SMS}, ...
 * @param pfId      kakaoOptions.pfId, null when not an alimtalk
 * @param templateId kakaoOptions.templateId, null when not an alimtalk
 * @param variables kakaoOptions.variables, keys as sent (e.g. {@code #{name}})
 * @param buttons   kakaoOptions.buttons, in order
 * @param text      the {@code text} field, if any
 */
public record ReceivedMessage(String messageId, String groupId, String to, String from, String type, String pfId,
        String templateId, Map<String, String> variables, List<Button> buttons, String text) {

    public ReceivedMessage {
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(variables));
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** One kakaoOptions button, as sent. */
    public record Button(String buttonType, String buttonName, String linkMo, String linkPc, String linkAnd,
            String linkIos) {
    }
}
