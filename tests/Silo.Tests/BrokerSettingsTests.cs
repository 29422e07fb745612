using Microsoft.Extensions.Configuration;
using Silo.Configuration;

namespace Silo.Tests;

[Trait("Category", "Unit")]
public sealed class BrokerSettingsTests
{
    private static BrokerSettings Load(params (string Key, string Value)[] settings) =>
        BrokerSettings.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Load_NoConfiguration_IsTheEmbeddedDefault()
    {
        var settings = Load();

        settings.Storage.Should().Be(StorageKind.Sqlite);
        settings.SqlitePath.Should().Be(Path.GetFullPath(Path.Combine("data", "broker.db")));
        settings.AdminAddress.Should().Be("127.0.0.1");
        settings.AdminPort.Should().Be(8080);
        settings.Silo.ListenAddress.Should().Be("127.0.0.1");
        settings.Silo.SiloPort.Should().Be(11111);
        settings.Silo.GatewayPort.Should().Be(30000);
        settings.Silo.ClusterId.Should().Be("dev");
        settings.SqliteSynchronousFull.Should().BeTrue("an acknowledged message survives power loss unless opted out");
    }

    [Theory]
    [InlineData("Full", true)]
    [InlineData("normal", false)]
    public void Load_SqliteSynchronous_IsFullUnlessNormalIsAskedFor(string value, bool full) =>
        Load(("Broker:SqliteSynchronous", value)).SqliteSynchronousFull.Should().Be(full);

    [Fact]
    public void Load_PostgresConnectionString_SelectsPostgreSql()
    {
        var settings = Load(("Broker:PostgresConnectionString", "Host=127.0.0.1;Port=5432;Username=postgres"), ("Broker:ClusterId", "prod"));

        settings.Storage.Should().Be(StorageKind.PostgreSql);
        settings.Silo.ClusterId.Should().Be("prod");
    }

    [Theory]
    [InlineData("Broker:SiloPort", "abc", "Broker:SiloPort")]
    [InlineData("Broker:GatewayPort", "70000", "Broker:GatewayPort")]
    [InlineData("Broker:AdminPort", "-1", "Broker:AdminPort")]
    [InlineData("Broker:ListenAddress", "localhost:80", "Broker:ListenAddress")]
    [InlineData("Broker:AdvertisedAddress", "not-an-ip", "Broker:AdvertisedAddress")]
    [InlineData("Broker:DeathTimeout", "soon", "Broker:DeathTimeout")]
    [InlineData("Broker:CallTimeout", "-00:00:01", "Broker:CallTimeout")]
    [InlineData("Broker:PostgresConnectionString", "Host=x;NoSuchKeyword=1", "Broker:PostgresConnectionString")]
    [InlineData("Broker:SiloPrt", "11111", "Broker:SiloPrt")]
    [InlineData("Broker:SqliteSynchronous", "Off", "Broker:SqliteSynchronous")]
    public void Load_BadSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        var act = () => Load((key, value));

        act.Should().Throw<BrokerConfigurationException>().WithMessage($"Invalid setting {named}:*");
    }

    [Fact]
    public void Load_ListenOnAllAddressesWithoutAdvertisedAddress_FailsNamingTheSetting()
    {
        var act = () => Load(("Broker:ListenAddress", "0.0.0.0"));

        act.Should().Throw<BrokerConfigurationException>().WithMessage("*Broker:AdvertisedAddress*");
        Load(("Broker:ListenAddress", "0.0.0.0"), ("Broker:AdvertisedAddress", "10.1.2.3")).Silo.AdvertisedAddress.Should().Be("10.1.2.3");
    }

    [Fact]
    public void Load_SamePortTwice_FailsNamingTheSetting()
    {
        var act = () => Load(("Broker:SiloPort", "12000"), ("Broker:GatewayPort", "12000"));

        act.Should().Throw<BrokerConfigurationException>().WithMessage("*Broker:SiloPort*Broker:GatewayPort*");
    }

    [Fact]
    public void Load_DeathTimeoutShorterThanTwoHeartbeats_FailsNamingBoth()
    {
        var act = () => Load(("Broker:DeathTimeout", "00:00:01"), ("Broker:HeartbeatPeriod", "00:00:01"));

        act.Should().Throw<BrokerConfigurationException>().WithMessage("*Broker:DeathTimeout*Broker:HeartbeatPeriod*");
    }
}
