import torch

torch.manual_seed(0)

x = torch.randn(5, dtype=torch.float64)
y = torch.randn(5, dtype=torch.float64)
w2, w1, b = (torch.randn((), dtype=torch.float64, requires_grad=True) for _ in range(3))

y_hat = w2 * x**2 + w1 * x + b
loss = ((y_hat - y) ** 2).mean()  # (1)!
loss.backward()

r = (y_hat - y).detach()
formula = torch.stack([(2 * r * x**2).mean(), (2 * r * x).mean(), (2 * r).mean()])  # (2)!
autograd = torch.stack([w2.grad, w1.grad, b.grad])
print("formula  ", formula)
print("autograd ", autograd)
print("autograd == formula:", torch.allclose(autograd, formula))
