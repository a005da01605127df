// The marker type for IStringLocalizer<SharedResource>; its texts are Resources/SharedResource.{culture}.resx.
// It sits outside Resources/ on purpose: next to its .resx files, the SDK would name the
// resources after this class and the localizer (which looks under Resources.) would not find them.
#pragma warning disable IDE0130
namespace Guichet.Web;

public sealed class SharedResource;
