package io.autoconn.http;

import io.autoconn.http.wire.AssignmentDetail;
import io.autoconn.http.wire.Links;
import io.autoconn.http.wire.SpaceDetail;
import io.autoconn.spaces.Assignment;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceService;
import io.autoconn.spaces.SpaceType;
import io.autoconn.spaces.SpacePatch;
import io.autoconn.http.wire.SpaceRequests;
import java.util.Collection;
import java.util.List;

/** The one place where spaces and assignments become wire records and back. */
final class SpaceWire {
    static final String SPACES = "/api/v1/spaces";

    private SpaceWire() {
    }

    /** @param base the server's absolute base URL, for the links */
    static SpaceDetail detail(SpaceService.SpaceView view, String base) {
        var s = view.space();
        String self = base + SPACES + "/" + s.id();
        return new SpaceDetail(s.id(), s.name(), s.type().qlikName(), s.description(), s.ownerId(), s.tenantId(),
                WireMapper.timestamp(s.createdAt()), s.createdBy(), WireMapper.timestamp(s.updatedAt()),
                new SpaceDetail.Meta(roleNames(view.roles()), view.actions(), roleNames(s.type().assignableRoles())),
                new SpaceDetail.SpaceLinks(new Links.Href(self), new Links.Href(self + "/assignments")));
    }

    static AssignmentDetail assignment(Assignment a, String base) {
        String space = base + SPACES + "/" + a.spaceId();
        return new AssignmentDetail(a.id(), Assignment.USER, a.assigneeId(), roleNames(a.roles()), a.spaceId(),
                a.tenantId(), WireMapper.timestamp(a.createdAt()), a.createdBy(), WireMapper.timestamp(a.updatedAt()),
                a.updatedBy(), new AssignmentDetail.AssignmentLinks(
                        new Links.Href(space + "/assignments/" + a.id()), new Links.Href(space)));
    }

    static List<String> typeNames(Collection<SpaceType> types) {
        return types.stream().map(SpaceType::qlikName).toList();
    }

    static SpaceService.NewSpace newSpace(SpaceRequests.Create body) {
        return new SpaceService.NewSpace(body.name(), body.type(), body.description());
    }

    static SpaceService.SpaceEdit edit(SpaceRequests.Update body) {
        return new SpaceService.SpaceEdit(body.name(), body.description(), body.ownerId());
    }

    static SpaceService.SpaceEdit edit(List<SpaceRequests.PatchOperation> body) {
        return SpacePatch.toEdit(body.stream()
                .map(o -> o == null ? null : new SpacePatch.Operation(o.op(), o.path(), o.value())).toList());
    }

    private static List<String> roleNames(Collection<SpaceRole> roles) {
        return roles.stream().map(SpaceRole::qlikName).sorted().toList();
    }
}
