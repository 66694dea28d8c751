import torch

torch.manual_seed(0)

X = torch.randn(8, 3, dtype=torch.float64)
Y = torch.randn(8, 2, dtype=torch.float64)
W1 = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
b1 = torch.randn(4, dtype=torch.float64, requires_grad=True)
W2, b2 = torch.randn(2, 4, dtype=torch.float64), torch.randn(2, dtype=torch.float64)

H = (X @ W1.T + b1).sigmoid()
Y_hat = H @ W2.T + b2
((Y_hat - Y) ** 2).mean().backward()

with torch.no_grad():
    dY = 2 * (Y_hat - Y) / Y.numel()
    dZ1 = (dY @ W2) * H * (1 - H)  # (1)!
    dW1, db1 = dZ1.T @ X, dZ1.sum(0)
print("max |hand - autograd| < 1e-12:",
      max((dW1 - W1.grad).abs().max().item(), (db1 - b1.grad).abs().max().item()) < 1e-12)
