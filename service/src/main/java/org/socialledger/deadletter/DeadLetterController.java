package org.socialledger.deadletter;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked events: support and auditors read them ({@code /api/dead-letters}); retrying or evicting
 * changes a read model, so only an administrator may ({@code /api/admin/dead-letters}), who can
 * also read the list there.
 */
@RestController
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping({"/api/dead-letters", "/api/admin/dead-letters"})
    List<ParkedEvent> list(@RequestParam(required = false) String group) {
        return deadLetters.list(group);
    }

    @PostMapping("/api/admin/dead-letters/{group}/{sequence}/retry")
    Map<String, Object> retry(@PathVariable String group, @PathVariable String sequence) {
        boolean handled = deadLetters.retry(group, sequence);
        return Map.of("group", group, "sequence", sequence, "handled", handled,
                "stillParked", deadLetters.list(group).stream().filter(e -> e.sequence().equals(sequence)).count());
    }

    @DeleteMapping("/api/admin/dead-letters/{group}/{sequence}")
    Map<String, Object> evict(@PathVariable String group, @PathVariable String sequence) {
        return Map.of("group", group, "sequence", sequence, "evicted", deadLetters.evict(group, sequence));
    }
}
