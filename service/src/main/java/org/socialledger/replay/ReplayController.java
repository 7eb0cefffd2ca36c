package org.socialledger.replay;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Auditor endpoints to rebuild the read models and follow the rebuild (role AUDITOR, as all of /api/audit). */
@RestController
@RequestMapping("/api/audit/replay")
class ReplayController {

    private final ProjectionReplay replay;

    ReplayController(ProjectionReplay replay) {
        this.replay = replay;
    }

    @GetMapping
    ReplayProgress progress() {
        return replay.progress();
    }

    /** 202: the rebuild runs in the background; GET follows it. */
    @PostMapping
    ResponseEntity<ReplayProgress> start() {
        return ResponseEntity.accepted().body(replay.start());
    }

    @ExceptionHandler(ReplayAlreadyRunningException.class)
    ProblemDetail alreadyRunning(ReplayAlreadyRunningException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:social-ledger:problem:replay-running"));
        return problem;
    }
}
