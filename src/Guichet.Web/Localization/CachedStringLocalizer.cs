using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Localization;

/// <summary>
/// Remembers each text once found: <c>ResourceManager</c> takes a lock on every lookup, and a list page
/// asks for a few hundred texts, so that under load threads queued on that lock.
/// </summary>
internal sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type?, string?, string?), IStringLocalizer> localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        localizers.GetOrAdd((resourceSource, null, null), _ => new CachedStringLocalizer(resources.Create(resourceSource)));

    public IStringLocalizer Create(string baseName, string location) =>
        localizers.GetOrAdd((null, baseName, location), _ => new CachedStringLocalizer(resources.Create(baseName, location)));
}

internal sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    // Keys are the English texts written in the code; the guard is for code that would look up texts made at run time.
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> found = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (found.TryGetValue(key, out var text)) return text;
            text = inner[name];
            if (found.Count < MaxEntries) found.TryAdd(key, text);
            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
