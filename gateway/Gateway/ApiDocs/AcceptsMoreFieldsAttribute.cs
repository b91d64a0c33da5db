namespace Gateway.ApiDocs;

/// <summary>On a request documentation type: the reader accepts (and ignores) fields beyond the documented ones.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class AcceptsMoreFieldsAttribute : Attribute;
