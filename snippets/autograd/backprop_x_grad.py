import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)  # (1)!
y = torch.tensor(4.0)
w = torch.tensor(1.0, requires_grad=True)
loss = (x * w - y) ** 2
loss.backward()

print("dl/dw =", w.grad, " dl/dx =", x.grad)
