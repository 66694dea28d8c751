import torch
import torch.nn.functional as F

torch.manual_seed(0)

N = 8
X = torch.randn(N, 3, dtype=torch.float64)
y = torch.randn(N, dtype=torch.float64)
w = torch.randn(3, dtype=torch.float64, requires_grad=True)

F.mse_loss(X @ w, y).backward()
closed = 2 / N * X.T @ (X @ w.detach() - y)  # (1)!

print("autograd   ", w.grad)
print("closed form", closed)
print("max |difference| < 1e-12:", (w.grad - closed).abs().max().item() < 1e-12)
