namespace Grains.Interfaces.Users;

/// <summary>The broker's user store: one grain, <c>users/all</c>, holding salted password hashes.</summary>
public static class UserGrainKind
{
    public const string Name = "users";

    public const string Key = "all";
}
