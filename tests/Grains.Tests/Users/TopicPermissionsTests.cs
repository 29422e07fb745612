using Grains.Interfaces.Topics;
using Grains.Interfaces.Users;
using Grains.Users;
using Runtime.Serialization;

namespace Grains.Tests.Users;

/// <summary>Per-topic authorization: which filters cover which, what a user may publish and subscribe to, and the
/// permissions surviving the user store's encoding (also state written before permissions existed).</summary>
public sealed class TopicPermissionsTests
{
    [Theory]
    [InlineData("sensors/#", "sensors/+/temp", true)]
    [InlineData("sensors/#", "sensors", true)]
    [InlineData("sensors/#", "sensors/#", true)]
    [InlineData("sensors/+", "sensors/a", true)]
    [InlineData("sensors/+", "sensors/+", true)]
    [InlineData("sensors/+", "sensors/#", false)]
    [InlineData("sensors/+", "sensors/a/b", false)]
    [InlineData("sensors/a", "sensors/+", false)]
    [InlineData("sensors/a", "sensors/a", true)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("#", "$SYS/broker/uptime", false)]
    [InlineData("+/x", "$SYS/x", false)]
    [InlineData("$SYS/#", "$SYS/broker/uptime", true)]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/d", false)]
    public void Covers_FilterUnderPattern(string pattern, string filter, bool covered) =>
        TopicFilterCoverage.Covers(pattern, filter).Should().Be(covered);

    [Fact]
    public void Permissions_PublishAndSubscribeChecked_NullUnrestricted_EmptyForbidden()
    {
        var permissions = new TopicPermissions("alice", ["devices/alice/#"], ["commands/alice/+"]);

        permissions.MayPublish("devices/alice/temp").Should().BeTrue();
        permissions.MayPublish("devices/bob/temp").Should().BeFalse();
        permissions.MaySubscribe("commands/alice/reboot").Should().BeTrue();
        permissions.MaySubscribe("commands/#").Should().BeFalse();
        permissions.MaySubscribe("$share/group/commands/alice/+").Should().BeTrue("a shared subscription is checked by its filter");

        TopicPermissions.Unrestricted("bob").MayPublish("any/thing").Should().BeTrue();
        new TopicPermissions("carol", [], null).MayPublish("any/thing").Should().BeFalse();
        new TopicPermissions("carol", [], null).MaySubscribe("any/#").Should().BeTrue();
    }

    [Fact]
    public void UserStoreState_RoundTripsPermissions_AndReadsStateWrittenBeforeThem()
    {
        var state = new UserStoreState();
        state.Users["alice"] = PasswordHasher.Create("alice", "pw");
        state.Permissions["alice"] = new TopicPermissions("alice", ["a/#"], []);

        var read = RoundTrip(state);

        read.Permissions["alice"].Publish.Should().Equal("a/#");
        read.Permissions["alice"].Subscribe.Should().BeEmpty();

        // The encoding before permissions: the user list only.
        var writer = new ArrayBufferWriterOwner();
        var old = new WireWriter(writer.Buffer);
        old.WriteVarUInt64(1);
        state.Users["alice"].Write(ref old);
        var reader = new WireReader(new System.Buffers.ReadOnlySequence<byte>(writer.Buffer.WrittenMemory));
        var legacy = UserStoreState.Read(ref reader);
        legacy.Users.Should().ContainKey("alice");
        legacy.Permissions.Should().BeEmpty();
    }

    private static UserStoreState RoundTrip(UserStoreState state)
    {
        var owner = new ArrayBufferWriterOwner();
        var writer = new WireWriter(owner.Buffer);
        state.Write(ref writer);
        var reader = new WireReader(new System.Buffers.ReadOnlySequence<byte>(owner.Buffer.WrittenMemory));
        return UserStoreState.Read(ref reader);
    }

    private sealed class ArrayBufferWriterOwner
    {
        public System.Buffers.ArrayBufferWriter<byte> Buffer { get; } = new();
    }
}
