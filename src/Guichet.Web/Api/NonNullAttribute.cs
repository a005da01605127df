namespace Guichet.Web.Api;

/// <summary>
/// An input member that may be left out (or must be sent, when it has no default) but never sent as
/// null: the API answers null with a 400. Its C# type stays nullable because JSON may omit it;
/// <see cref="ApiDocument"/> drops null from its schema.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NonNullAttribute : Attribute;
