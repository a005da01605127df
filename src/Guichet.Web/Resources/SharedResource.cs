// The marker type for IStringLocalizer<SharedResource>; its texts are Resources/SharedResource.{culture}.resx.
// It lives in the root namespace so that the resource files keep the name DESIGN.md gives them.
#pragma warning disable IDE0130
namespace Guichet.Web;

public sealed class SharedResource;
