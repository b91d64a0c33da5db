namespace GeminiSimulator;

/// <summary>§3 simulator contract scenarios, per <c>__Secure-1PSID</c> value.</summary>
public enum AccountScenario
{
    /// <summary>Page with all five keys; everything works.</summary>
    Ok,

    /// <summary>Page without SNlM0e/TuX5cc, otAQ7b 1016 (Flash only), StreamGenerate with empty/unknown at → 400.</summary>
    NoToken,

    /// <summary>GET /app 302 to ServiceLogin; RPCs, generate, RotateCookies and uploads 401.</summary>
    RedirectLogin,

    /// <summary>GET /app 302 to /sorry/index; everything else 429 "unusual traffic" HTML.</summary>
    Blocked,

    /// <summary>401 on every endpoint including RotateCookies.</summary>
    Revoked,
}
