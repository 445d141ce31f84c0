// Swagger UI for the gateway's merged OpenAPI document. When the console has a signed-in user in this browser,
// its access token is offered to "Try it out" (the bearer scheme); otherwise "Authorize" takes a pasted token.
window.onload = () => {
  const ui = SwaggerUIBundle({
    url: '/q/openapi',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null, // never ask the internet to validate it
    persistAuthorization: false,
    onComplete: () => {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (!key.startsWith('oidc.user:') || !key.endsWith(':confops-console')) continue;
        try {
          const user = JSON.parse(localStorage.getItem(key));
          if (user?.access_token && user.expires_at * 1000 > Date.now()) ui.preauthorizeApiKey('bearer', user.access_token);
        } catch { /* not a user entry */ }
      }
    },
  });
  window.ui = ui;
};
