import torch

torch.manual_seed(0)

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * w).sum()
loss.backward()
print(w.grad)
w -= 0.1 * w.grad  # (1)!
