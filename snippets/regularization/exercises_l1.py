import torch
import torch.nn.functional as F

torch.manual_seed(0)

w = torch.tensor([0.8, -0.3, 0.0], requires_grad=True)
grad = torch.tensor([0.1, 0.2, -0.05])  # (1)!
lr, lambd = 0.5, 0.4

(lambd * w.abs().sum()).backward()  # (2)!
print("gradient of the L1 term:", w.grad)
print("subgradient step:", w.detach() - lr * (grad + w.grad))
print("proximal step:   ", F.softshrink(w.detach() - lr * grad, lr * lambd))  # (3)!
