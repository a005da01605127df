namespace Guichet.BrowserTests.Infrastructure;

/// <summary>Browser tests share one <see cref="Chromium"/>: <c>[Collection(BrowserCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
