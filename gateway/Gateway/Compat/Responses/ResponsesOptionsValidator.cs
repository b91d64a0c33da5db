using Microsoft.Extensions.Options;

namespace Gateway.Compat.Responses;

/// <summary>Checks the signing keys at start: long enough, no blanks, no duplicates. Never echoes a key.</summary>
internal sealed class ResponsesOptionsValidator : IValidateOptions<ResponsesOptions>
{
    public ValidateOptionsResult Validate(string? name, ResponsesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length < ResponsesOptions.MinKeyLength)
            {
                errors.Add($"{ResponsesOptions.SectionName}:SigningKeys:{i} must be at least {ResponsesOptions.MinKeyLength} characters.");
            }
            else if (!seen.Add(key.Trim()))
            {
                errors.Add($"{ResponsesOptions.SectionName}:SigningKeys:{i} repeats an earlier key.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
