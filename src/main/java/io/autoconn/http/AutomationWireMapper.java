package io.autoconn.http;

import io.autoconn.automations.Automation;
import io.autoconn.automations.AutomationService;
import io.autoconn.automations.AutomationSummary;
import io.autoconn.http.wire.AutomationDetail;
import io.autoconn.http.wire.AutomationListItem;
import io.autoconn.http.wire.AutomationRequests;
import java.util.List;

/** The one place where automations become wire records and requests become domain requests. */
final class AutomationWireMapper {
    private AutomationWireMapper() {
    }

    static AutomationDetail detail(Automation a) {
        return new AutomationDetail(a.id(), a.name(), a.description(), a.state().apiName(), a.ownerId(),
                a.runMode().apiName(), a.spaceId(), WireMapper.timestamp(a.createdAt()),
                WireMapper.timestamp(a.updatedAt()), a.workspace().json(), List.of(), a.maxConcurrentRuns());
    }

    static AutomationListItem listItem(AutomationSummary a) {
        return new AutomationListItem(a.id(), a.name(), a.description(), a.state().apiName(), a.ownerId(),
                a.runMode().apiName(), a.spaceId(), WireMapper.timestamp(a.createdAt()),
                WireMapper.timestamp(a.updatedAt()), a.maxConcurrentRuns());
    }

    static AutomationService.NewAutomation newAutomation(AutomationRequests.Create body) {
        return new AutomationService.NewAutomation(body.name(), body.description(), body.spaceId(), body.workspace(),
                body.schedules(), body.maxConcurrentRuns());
    }

    static AutomationService.AutomationEdit edit(AutomationRequests.Update body) {
        return new AutomationService.AutomationEdit(body.name(), body.description(), body.workspace(),
                body.schedules(), body.maxConcurrentRuns());
    }
}
